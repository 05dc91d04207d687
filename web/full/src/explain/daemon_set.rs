//! A DaemonSet: on every node, `NodeShouldRunDaemonPod`'s shouldRun and
//! shouldContinueRunning and the rule that decided, with what the DaemonSet asks.

use super::table::{ExplainTable, explain_table};
use super::texts;
use super::{breakable, camel, mark, subject_button, taint_badge};
use taintlab_core::Cluster;
use taintlab_core::why::Subject;
use taintlab_core::why::Why;
use taintlab_core::why::daemon_set_facts;
use taintlab_core::why::explain_daemon_set;
use taintlab_ui::i18n::{Lang, tr};
use yew::prelude::*;

/// The explanation of DaemonSet `namespace/name`.
pub fn daemon_set_view(
    lang: Lang,
    cluster: &Cluster,
    namespace: &str,
    name: &str,
    select: &Callback<String>,
) -> Html {
    let Some(facts) = daemon_set_facts(cluster, namespace, name) else {
        return html! {};
    };
    let label = Subject::DaemonSet {
        namespace: namespace.into(),
        name: name.into(),
    }
    .label();
    let status = facts.status;
    let added: Vec<&str> = facts
        .tolerations
        .iter()
        .filter(|(_, added)| *added)
        .map(|(t, _)| t.as_str())
        .collect();
    let own: Vec<&str> = facts
        .tolerations
        .iter()
        .filter(|(_, added)| !*added)
        .map(|(t, _)| t.as_str())
        .collect();
    html! {
        <article class="explain-ds" aria-labelledby="explain-title">
            <header class="explain-head">
                <span class="kind">{"DaemonSet"}</span>
                <h3 id="explain-title"><code>{label}</code></h3>
                <span class="counts small" title="kubectl get daemonset">
                    {for [("DESIRED", status.desired_number_scheduled), ("CURRENT", status.current_number_scheduled), ("READY", status.number_ready)]
                        .into_iter().map(|(column, n)| html! { <span><span class="muted">{column}</span>{" "}<strong>{n}</strong></span> })}
                </span>
            </header>
            <p class="explain-note">
                {tr(lang, "A DaemonSet wants one pod on every node that its pod template fits. For each node the controller asks two questions: should a pod be created here (shouldRun), and may a pod that is already here stay (shouldContinueRunning)? A NoSchedule taint says no to the first only; NoExecute says no to both.",
                    "DaemonSet 希望在每个符合其 Pod 模板的节点上运行一个 Pod。控制器对每个节点问两个问题：这里要不要创建 Pod（shouldRun）？已经在这里的 Pod 能不能留下（shouldContinueRunning）？NoSchedule 污点只对第一个问题说“不”，NoExecute 对两个都说“不”。")}
            </p>
            {rows_table(lang, cluster, namespace, name, select)}
            <section class="explain-section">
                <h4>{tr(lang, "What its pods carry", "它的 Pod 带有什么")}</h4>
                <dl class="facts">
                    <dt>{"nodeSelector"}</dt>
                    <dd>
                        if facts.node_selector.is_empty() {
                            <span class="muted">{tr(lang, "none: any node's labels will do", "无：任何节点的标签都满足")}</span>
                        } else {
                            {for facts.node_selector.iter().map(|s| html! { <code class="label">{breakable(s)}</code> })}
                        }
                    </dd>
                    <dt>{tr(lang, "Tolerations", "容忍度")}</dt>
                    <dd>
                        if own.is_empty() {
                            <span class="muted">{tr(lang, "none in its pod template", "Pod 模板中没有")}</span>
                        } else {
                            <ul class="code-list">
                                {for own.iter().map(|t| html! { <li><code>{breakable(t)}</code></li> })}
                            </ul>
                        }
                    </dd>
                    <dt>{tr(lang, "Added by the controller", "控制器添加的")}</dt>
                    <dd>
                        <p class="muted small">{tr(lang, "Every daemon pod also gets these, so that node problems and cordoning do not push it out. None of them tolerates a control-plane taint.",
                            "每个守护 Pod 还会自动带上这些容忍度，使节点故障和封锁不会把它挤走。其中没有一个能容忍控制平面污点。")}</p>
                        <ul class="code-list added">
                            {for added.iter().map(|t| html! { <li><code>{breakable(t)}</code></li> })}
                        </ul>
                    </dd>
                </dl>
            </section>
        </article>
    }
}

/// One row per node: shouldRun, shouldContinueRunning, the deciding rule, the pod.
pub fn rows_table(
    lang: Lang,
    cluster: &Cluster,
    namespace: &str,
    name: &str,
    select: &Callback<String>,
) -> Html {
    let Some(mut rows) = explain_daemon_set(cluster, namespace, name) else {
        return html! {};
    };
    // The nodes without a daemon pod answer "why not there?": they come first,
    // each group in name order.
    rows.sort_by_key(|row| row.should_run);
    let skipped = rows.iter().filter(|row| !row.should_run).count();
    let summary = match lang {
        Lang::En if skipped == 0 => format!("A daemon pod belongs on all {} nodes.", rows.len()),
        Lang::En => format!(
            "A daemon pod belongs on {} of {} nodes; the {skipped} without come first.",
            rows.len() - skipped,
            rows.len()
        ),
        Lang::Zh if skipped == 0 => format!("全部 {} 个节点都应运行守护 Pod。", rows.len()),
        Lang::Zh => format!(
            "{} 个节点中有 {} 个应运行守护 Pod；不运行的 {skipped} 个排在前面。",
            rows.len(),
            rows.len() - skipped
        ),
    };
    html! {
        <>
        <p class="small" data-testid="daemon-summary">{summary}</p>
        {explain_table(ExplainTable {
            id: "ds",
            class: "verdicts daemon",
            testid: "daemon-table",
            caption: tr(lang, "NodeShouldRunDaemonPod, node by node", "逐个节点的 NodeShouldRunDaemonPod"),
            note: Some(tr(lang, "NodeShouldRunDaemonPod on every node: the DaemonSet controller's answer and the rule that decided it.",
                "每个节点上的 NodeShouldRunDaemonPod：DaemonSet 控制器的答案，以及起决定作用的规则。")),
            head: html! {
                <>
                    <th scope="col">{tr(lang, "Node", "节点")}</th>
                    <th scope="col">{camel("shouldRun")}</th>
                    <th scope="col">{camel("shouldContinueRunning")}</th>
                    <th scope="col">{tr(lang, "Deciding rule", "决定性规则")}</th>
                    <th scope="col">{tr(lang, "Daemon pod", "守护 Pod")}</th>
                </>
            },
            body: html! {
                {for rows.iter().map(|row| html! {
                    <tr data-row={row.node.clone()} class={classes!((!row.should_run).then_some("skipped"))}>
                        <th scope="row">{subject_button(&Subject::Node(row.node.clone()), select, "node-link")}</th>
                        <td class={if row.should_run { "pass" } else { "fail" }}>{mark(lang, row.should_run)}</td>
                        <td class={if row.should_continue_running { "pass" } else { "fail" }}>{mark(lang, row.should_continue_running)}</td>
                        <td class="rule">
                            if let (Some(why), Some(reason)) = (&row.why, &row.reason) {
                                <span class="reason">{breakable(reason)}</span>
                                if let Why::UntoleratedTaint { taint } = why {
                                    {" "}{taint_badge(taint)}
                                }
                                <p class="small">{texts::why(lang, why)}</p>
                                if !row.should_run && row.should_continue_running {
                                    <p class="small muted">{tr(lang, "A NoSchedule taint does not evict: a pod already here could stay.", "NoSchedule 污点不会驱逐：已经在这里的 Pod 可以留下。")}</p>
                                }
                            } else {
                                <span class="muted">{tr(lang, "nothing in the way", "没有障碍")}</span>
                            }
                        </td>
                        <td>
                            if let Some(pod) = &row.pod {
                                {subject_button(&Subject::Pod { namespace: namespace.to_string(), name: pod.clone() }, select, "")}
                            } else {
                                <span class="muted">{"—"}</span>
                            }
                        </td>
                    </tr>
                })}
            },
        })}
        </>
    }
}
