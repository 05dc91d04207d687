//! A pod: where it is and why, every filter plugin's verdict on every node, the
//! scores of the feasible nodes, and the countdown to a NoExecute eviction.

use super::table::{ExplainTable, explain_table};
use super::texts::{self, pick};
use super::{breakable, camel, daemon_set, mark, subject_button, taint_badge};
use taintlab_core::Cluster;
use taintlab_core::controller::taint_eviction::EvictionDecision;
use taintlab_core::scheduler::FILTER_PLUGINS;
use taintlab_core::why::EvictionExplanation;
use taintlab_core::why::NodeRow;
use taintlab_core::why::PodExplanation;
use taintlab_core::why::PreemptionExplanation;
use taintlab_core::why::Subject;
use taintlab_core::why::Why;
use taintlab_core::why::explain_eviction;
use taintlab_core::why::explain_pod;
use taintlab_core::why::score_breakdown;
use taintlab_ui::i18n::{Lang, tr};
use yew::prelude::*;

/// The explanation of pod `namespace/name`.
pub fn pod_view(
    lang: Lang,
    cluster: &Cluster,
    namespace: &str,
    name: &str,
    select: &Callback<String>,
) -> Html {
    let Some(e) = explain_pod(cluster, namespace, name) else {
        return html! {};
    };
    let label = Subject::Pod {
        namespace: namespace.into(),
        name: name.into(),
    }
    .label();
    let owner_kind = e.owner.as_ref().map(|o| o.kind.as_str());
    let owner = e.owner.as_ref().map(|o| {
        // "controlled by KIND NAME" / "由 KIND NAME 控制"
        let (before, after) = match lang {
            Lang::En => ("controlled by ", ""),
            Lang::Zh => ("由 ", " 控制"),
        };
        if o.kind == "DaemonSet" {
            let ds = Subject::DaemonSet {
                namespace: namespace.into(),
                name: o.name.clone(),
            };
            html! { <span class="muted small">{before}{"DaemonSet "}{subject_button(&ds, select, "")}{after}</span> }
        } else {
            html! { <span class="muted small">{format!("{before}{} {}{after}", o.kind, o.name)}</span> }
        }
    });
    html! {
        <article class="explain-pod" aria-labelledby="explain-title">
            <header class="explain-head">
                <span class="kind">{"Pod"}</span>
                <h3 id="explain-title"><code>{label}</code></h3>
                <span class={classes!("chip", "status", texts::owner_class(owner_kind))}>{e.status.clone()}</span>
                {owner.unwrap_or_default()}
            </header>
            {summary(lang, &e, select)}
            {explain_eviction(cluster, namespace, name).map(|ev| eviction(lang, &ev)).unwrap_or_default()}
            {filter_table(lang, &e, select)}
            {e.preemption.as_ref().map(|p| preemption(lang, p, select)).unwrap_or_default()}
            {score_table(lang, &e, select)}
            {tolerations(lang, &e)}
            if let Some(ds) = e.daemon_set() {
                <section class="explain-section">
                    <h4>{tr(lang, "Its DaemonSet, node by node", "它所属的 DaemonSet，逐个节点")}</h4>
                    <p class="small">
                        {tr(lang, "The DaemonSet controller decides which nodes get one of its pods, and pins each pod to its node with a required node-affinity term (metadata.name In [node]). That is why the NodeAffinity column above rejects every other node.",
                            "DaemonSet 控制器决定哪些节点应该运行它的 Pod，并用一条必需节点亲和性（metadata.name In [节点]）把每个 Pod 固定到对应节点。所以上表的 NodeAffinity 列会拒绝其他所有节点。")}
                    </p>
                    {daemon_set::rows_table(lang, cluster, namespace, ds, select)}
                </section>
            }
        </article>
    }
}

/// Where the pod is and why, in a sentence or two.
fn summary(lang: Lang, e: &PodExplanation, select: &Callback<String>) -> Html {
    let node_button = |n: &str| subject_button(&Subject::Node(n.to_string()), select, "");
    match (&e.node, e.static_pod, e.bypassed_scheduler) {
        (Some(node), true, _) => html! {
            <div class="explain-note bypass" data-testid="explain-summary">
                <p><strong>{tr(lang, "On ", "位于 ")}{node_button(node)}{tr(lang, " as a static pod.", "，是一个静态 Pod。")}</strong>
                    {" "}{tr(lang, "The kubelet of that node runs it from a manifest in /etc/kubernetes/manifests; the API server only shows a mirror of it (this pod).",
                        "该节点的 kubelet 根据 /etc/kubernetes/manifests 中的清单运行它；API 服务器里看到的只是它的镜像 Pod（就是这个 Pod）。")}</p>
                <p><strong>{tr(lang, "Why taints do not keep it off: ", "为什么污点挡不住它：")}</strong>
                    {tr(lang, "taints are checked by kube-scheduler when it picks a node, and a static pod never goes through the scheduler: its node is fixed by where the manifest lives. The kubelet also skips the NoExecute check for static pods when it admits them. This is how the control-plane components run on a tainted master. The table shows what the scheduler would have said.",
                        "污点是 kube-scheduler 挑选节点时检查的，而静态 Pod 根本不经过调度器：清单放在哪个节点，它就在哪个节点。kubelet 接纳静态 Pod 时也会跳过 NoExecute 检查。控制平面组件正是这样运行在带污点的 master 上的。下表展示的是如果交给调度器，它会怎么判断。")}</p>
            </div>
        },
        (Some(node), false, true) => html! {
            <div class="explain-note bypass" data-testid="explain-summary">
                <p><strong>{tr(lang, "On ", "位于 ")}{node_button(node)}{tr(lang, " because its spec.nodeName names that node.", "，因为它的 spec.nodeName 指定了该节点。")}</strong>
                    {" "}{tr(lang, "The pod was bound without kube-scheduler, so the filters below, NoSchedule taints included, never ran. The kubelet still refuses a pod that does not tolerate a NoExecute taint, and the taint-eviction controller evicts it.",
                        "这个 Pod 没有经过 kube-scheduler 就被绑定了，所以下面的过滤器（包括 NoSchedule 污点）都没有执行。不过 kubelet 仍会拒绝不容忍 NoExecute 污点的 Pod，污点驱逐控制器也会驱逐它。")}</p>
            </div>
        },
        (Some(node), false, false) => {
            let detail = if e.scoring_skipped() && e.best.as_deref() == Some(node.as_str()) {
                tr(lang, "It is the only node that passes every filter, so the scheduler bound the pod there without scoring.",
                    "它是唯一通过所有过滤器的节点，所以调度器没有打分就把 Pod 绑定到了这里。").to_string()
            } else if e.best.as_deref() == Some(node.as_str()) {
                tr(
                    lang,
                    "It passes every filter and has the highest total score.",
                    "它通过了所有过滤器，总分也最高。",
                )
                .to_string()
            } else if let Some(best) = &e.best {
                pick(
                    lang,
                    format!(
                        "The cluster has changed since: scheduled now, the pod would go to {best}. The scheduler never moves a pod once it is bound."
                    ),
                    format!(
                        "集群在那之后发生了变化：如果现在调度，Pod 会去 {best}。Pod 一旦绑定，调度器就不会再移动它。"
                    ),
                )
            } else {
                tr(lang, "The cluster has changed since and no node passes every filter now, but a bound pod stays unless something evicts it.",
                    "集群在那之后发生了变化，现在没有节点能通过所有过滤器；但已绑定的 Pod 会留在原处，除非被驱逐。").to_string()
            };
            html! {
                <div class="explain-note good" data-testid="explain-summary">
                    <p><strong>{tr(lang, "On ", "位于 ")}{node_button(node)}{tr(lang, ": kube-scheduler chose it. ", "：由 kube-scheduler 选中。")}</strong>{detail}</p>
                </div>
            }
        }
        (None, _, _) if e.no_profile.is_some() => {
            let name = e.no_profile.clone().unwrap_or_default();
            html! {
                <div class="explain-note bad" data-testid="explain-summary">
                    <p><strong>{pick(lang,
                        format!("Pending: no scheduler profile is named {name}."),
                        format!("Pending（等待中）：没有名为 {name} 的调度器配置（profile）。"))}</strong>
                        {" "}{tr(lang, "Its spec.schedulerName names a scheduler this cluster does not run, so no scheduler picks it up: it waits, with no event. The table shows what the default profile would say.",
                            "它的 spec.schedulerName 指定的调度器在这个集群里并不存在，所以没有调度器处理它：它会一直等待，也不会有事件。下表展示的是默认配置会给出的判断。")}</p>
                </div>
            }
        }
        (None, _, _) => html! {
            <div class="explain-note bad" data-testid="explain-summary">
                <p><strong>{tr(lang, "Pending: no node passes every filter.", "Pending（等待中）：没有节点能通过所有过滤器。")}</strong>
                    {" "}{tr(lang, "The table shows what stands in the way on each node.", "下表列出了每个节点上的障碍。")}</p>
                if let Some(message) = &e.scheduling_message {
                    <p class="small">{tr(lang, "kube-scheduler's FailedScheduling event says:", "kube-scheduler 的 FailedScheduling 事件写道：")}</p>
                    <code class="failed-scheduling" data-testid="failed-scheduling">{message.clone()}</code>
                } else {
                    <p class="small">{tr(lang, "It waits for the scheduler's next attempt.", "它在等待调度器的下一次尝试。")}</p>
                }
                if let Some(best) = &e.best {
                    <p class="small">{pick(lang,
                        format!("{best} passes every filter now: the scheduler binds the pod there at its next attempt."),
                        format!("{best} 现在能通过所有过滤器：调度器下次尝试时会把 Pod 绑定到那里。"))}</p>
                }
            </div>
        },
    }
}

/// The countdown to a NoExecute eviction, or why the pod stays.
fn eviction(lang: Lang, ev: &EvictionExplanation) -> Html {
    let taints = html! {
        <ul class="eviction-taints">
            {for ev.taints.iter().map(|(taint, toleration)| html! {
                <li>
                    <code class="taint no-execute">{taint.to_string()}</code>
                    {" "}
                    if let Some(t) = toleration {
                        {tr(lang, "tolerated by ", "被容忍：")}<code>{breakable(&t.to_string())}</code>
                    } else {
                        <strong>{tr(lang, "not tolerated", "未被容忍")}</strong>
                    }
                </li>
            })}
        </ul>
    };
    match (&ev.decision, ev.seconds_left) {
        (EvictionDecision::EvictAfter(limit), left) => html! {
            <div class="explain-note eviction" role="group" aria-label={tr(lang, "Eviction countdown", "驱逐倒计时")}>
                <div class="countdown">
                    <span class="countdown-label">{tr(lang, "Evicted in", "将被驱逐，剩余")}</span>
                    <span class="countdown-value" data-testid="eviction-countdown">{left.unwrap_or((*limit).max(0) as u64)}</span>
                    <span class="countdown-unit">{tr(lang, "s", "秒")}</span>
                </div>
                <p>{tr(lang, "The node has a NoExecute taint that this pod tolerates only for a while (tolerationSeconds, the shortest one counts). When the time is up the taint-eviction controller deletes the pod, unless the taint goes away first. The countdown follows simulated time: pause, step or speed up the clock at the top.",
                    "节点带有 NoExecute 污点，而这个 Pod 只能容忍一段时间（tolerationSeconds，以最短的为准）。时间一到，污点驱逐控制器就会删除该 Pod，除非污点先被移除。倒计时按模拟时间走：可以在顶部暂停、单步或加速时钟。")}</p>
                {taints}
            </div>
        },
        (EvictionDecision::Keep, _) => html! {
            <div class="explain-note">
                <p>{tr(lang, "The node has NoExecute taints, and the pod tolerates each of them with no time limit, so it stays.",
                    "节点带有 NoExecute 污点，而 Pod 对每一个都无限期容忍，所以它会留下。")}</p>
                {taints}
            </div>
        },
        (EvictionDecision::EvictNow, _) => html! {
            <div class="explain-note bad">
                <p>{tr(lang, "The pod does not tolerate a NoExecute taint of its node (or tolerates it for 0 seconds): the taint-eviction controller evicts it now.",
                    "Pod 不容忍所在节点的某个 NoExecute 污点（或只容忍 0 秒）：污点驱逐控制器会立即驱逐它。")}</p>
                {taints}
            </div>
        },
    }
}

/// The node's name in a row header, with tags for the bound and the best node.
fn row_header(lang: Lang, e: &PodExplanation, row: &NodeRow, select: &Callback<String>) -> Html {
    let bound = e.node.as_deref() == Some(row.node.as_str());
    let best = e.best.as_deref() == Some(row.node.as_str());
    html! {
        <th scope="row">
            {subject_button(&Subject::Node(row.node.clone()), select, "node-link")}
            if bound || best {
                <span class="tags">
                    if bound {
                        <span class="tag bound">{tr(lang, "bound here", "绑定在此")}</span>
                    }
                    if best && !bound {
                        <span class="tag best">{tr(lang, "best now", "当前最佳")}</span>
                    }
                </span>
            }
        </th>
    }
}

fn row_class(e: &PodExplanation, row: &NodeRow) -> Classes {
    let bound = e.node.as_deref() == Some(row.node.as_str());
    let best = e.best.as_deref() == Some(row.node.as_str());
    classes!(bound.then_some("bound"), best.then_some("best"))
}

/// One row per node, one column per filter plugin (kube-scheduler-simulator's
/// Filter table).
fn filter_table(lang: Lang, e: &PodExplanation, select: &Callback<String>) -> Html {
    html! {
        <section class="explain-section">
            <h4>{tr(lang, "Filters: can the pod go there?", "过滤：Pod 能放到那里吗？")}</h4>
            {explain_table(ExplainTable {
                id: "filter",
                class: "verdicts",
                testid: "filter-table",
                caption: tr(lang, "Filter verdicts, node by node", "逐个节点的过滤结果"),
                note: Some(tr(lang, "Each filter plugin on each node, in kube-scheduler's order. The scheduler stops at the first ✗ (marked “first”); the others are shown so you see everything in the way. Open a reason for a plain explanation.",
                    "每个节点上每个过滤插件的结果，按 kube-scheduler 的顺序排列。调度器在第一个 ✗（标为“首个”）处就停止；其余的也一并列出，让你看清所有障碍。展开原因可以看到通俗的解释。")),
                head: html! {
                    <>
                        <th scope="col">{tr(lang, "Node", "节点")}</th>
                        // The verdict first: on a narrow screen the plugins scroll.
                        <th scope="col">{tr(lang, "Result", "结果")}</th>
                        {for FILTER_PLUGINS.iter().map(|p| html! { <th scope="col">{camel(p)}</th> })}
                    </>
                },
                body: html! {
                    {for e.rows.iter().map(|row| html! {
                        <tr data-row={row.node.clone()} class={row_class(e, row)}>
                            {row_header(lang, e, row, select)}
                            <td class="result">
                                if let Some(plugin) = row.deciding {
                                    <span class="verdict">{mark(lang, false)}{" "}{tr(lang, "filtered out", "被过滤")}</span>
                                    <span class="by">{tr(lang, "by ", "由 ")}{camel(plugin)}</span>
                                } else {
                                    <span class="verdict">{mark(lang, true)}{" "}{tr(lang, "feasible", "可行")}</span>
                                }
                            </td>
                            {for row.filters.iter().map(|f| match &f.rejection {
                                None => html! { <td data-plugin={f.plugin} class="pass">{mark(lang, true)}</td> },
                                Some((reason, why)) => {
                                    let first = row.deciding == Some(f.plugin);
                                    html! {
                                        <td data-plugin={f.plugin} class={classes!("fail", first.then_some("deciding"))}>
                                            <details>
                                                <summary>
                                                    if first {
                                                        <span class="tag first">{tr(lang, "first", "首个")}</span>
                                                    }
                                                    <span class="reason">{breakable(reason)}</span>
                                                </summary>
                                                <p>{texts::why(lang, why)}</p>
                                            </details>
                                            if let Why::UntoleratedTaint { taint } = why {
                                                {taint_badge(taint)}
                                            }
                                        </td>
                                    }
                                }
                            })}
                        </tr>
                    })}
                },
            })}
        </section>
    }
}

/// The feasible nodes' scores: each plugin's normalized score times its weight,
/// and the total that decides (kube-scheduler-simulator's Score table).
fn score_table(lang: Lang, e: &PodExplanation, select: &Callback<String>) -> Html {
    let Some(example) = e.rows.iter().find_map(|r| r.scores) else {
        return html! {
            <section class="explain-section">
                <h4>{tr(lang, "Scores", "打分")}</h4>
                <p class="muted small">{tr(lang, "No node passes every filter, so none is scored.", "没有节点通过所有过滤器，所以没有打分。")}</p>
            </section>
        };
    };
    let plugins = score_breakdown(&example, &e.weights);
    html! {
        <section class="explain-section">
            <h4>{tr(lang, "Scores: which feasible node is best?", "打分：哪个可行节点最好？")}</h4>
            if e.scoring_skipped() {
                <p class="muted small">{tr(lang, "With a single feasible node kube-scheduler skips scoring; the scores are shown anyway.",
                    "只有一个可行节点时，kube-scheduler 会跳过打分；这里仍然列出分数供参考。")}</p>
            }
            {explain_table(ExplainTable {
                id: "score",
                class: "scores",
                testid: "score-table",
                caption: tr(lang, "Scores of the feasible nodes", "可行节点的得分"),
                note: Some(tr(lang, "Each score plugin gives a feasible node 0–100 (small), multiplied by the plugin's weight (large). The highest total wins. kube-scheduler breaks a tie at random (selectHost); taintlab takes the first tied node, so that a scenario plays the same every time.",
                    "每个打分插件给可行节点 0–100 分（小字），再乘以插件的权重（大字）。总分最高者胜出。平分时 kube-scheduler 随机选择（selectHost）；taintlab 取排在前面的节点，让同一场景每次结果相同。")),
                head: html! {
                    <>
                        <th scope="col">{tr(lang, "Node", "节点")}</th>
                        {for plugins.iter().map(|(name, _, weight)| html! {
                            <th scope="col">{camel(name)}<span class="weight">{format!(" ×{weight}")}</span></th>
                        })}
                        <th scope="col">{tr(lang, "Total", "总分")}</th>
                    </>
                },
                body: html! {
                    {for e.rows.iter().map(|row| html! {
                        <tr data-row={row.node.clone()} class={row_class(e, row)}>
                            {row_header(lang, e, row, select)}
                            if let Some(scores) = row.scores {
                                {for score_breakdown(&scores, &e.weights).iter().map(|(name, score, weight)| html! {
                                    <td data-plugin={*name} class="score">
                                        <span class="weighted">{score * weight}</span>
                                        <span class="raw">{format!("{score}×{weight}")}</span>
                                    </td>
                                })}
                                <td class="total"><strong>{scores.total(&e.weights)}</strong></td>
                            } else {
                                <td colspan={(plugins.len() + 1).to_string()} class="muted not-scored">
                                    {tr(lang, "not scored: filtered out", "不打分：已被过滤")}
                                </td>
                            }
                        </tr>
                    })}
                },
            })}
            {score_legend(lang)}
        </section>
    }
}

/// What each score plugin prefers, in a sentence each.
fn score_legend(lang: Lang) -> Html {
    let entries = [
        (
            "TaintToleration",
            tr(
                lang,
                "prefers nodes with fewer PreferNoSchedule taints that the pod does not tolerate.",
                "偏好 Pod 不容忍的 PreferNoSchedule 污点更少的节点。",
            ),
        ),
        (
            "NodeAffinity",
            tr(
                lang,
                "adds the weights of the pod's preferred node-affinity terms that the node matches.",
                "累加节点满足的 Pod 偏好节点亲和性条件的权重。",
            ),
        ),
        (
            "NodeResourcesFit",
            tr(
                lang,
                "prefers nodes with more CPU and memory left after the pod's requests (LeastAllocated).",
                "偏好扣除 Pod 请求后剩余 CPU 和内存更多的节点（LeastAllocated）。",
            ),
        ),
        (
            "NodeResourcesBalancedAllocation",
            tr(
                lang,
                "prefers nodes whose CPU and memory would be used in similar proportions.",
                "偏好 CPU 与内存使用比例更均衡的节点。",
            ),
        ),
        (
            "ImageLocality",
            tr(
                lang,
                "prefers nodes that already hold the pod's container images.",
                "偏好已经有 Pod 所需容器镜像的节点。",
            ),
        ),
        (
            "PodTopologySpread",
            tr(
                lang,
                "prefers nodes with fewer pods of the same workload, to spread them out.",
                "偏好同一工作负载的 Pod 更少的节点，把它们分散开。",
            ),
        ),
    ];
    html! {
        <details class="score-legend">
            <summary>{tr(lang, "What each score means", "每项分数的含义")}</summary>
            <dl class="facts">
                {for entries.iter().map(|(plugin, text)| html! { <><dt>{*plugin}</dt><dd>{*text}</dd></> })}
            </dl>
        </details>
    }
}

/// The pod's tolerations, as `kubectl describe pod` prints them.
fn tolerations(lang: Lang, e: &PodExplanation) -> Html {
    html! {
        <section class="explain-section">
            <h4>{tr(lang, "Its tolerations", "它的容忍度")}</h4>
            if e.tolerations.is_empty() {
                <p class="muted small">{tr(lang, "None: this pod tolerates no taint.", "没有：这个 Pod 不容忍任何污点。")}</p>
            } else {
                <ul class="code-list">
                    {for e.tolerations.iter().map(|t| html! { <li><code>{t.clone()}</code></li> })}
                </ul>
            }
        </section>
    }
}

/// What DefaultPreemption would do for a pod no node can take.
fn preemption(lang: Lang, p: &PreemptionExplanation, select: &Callback<String>) -> Html {
    let node_button = |n: &str| subject_button(&Subject::Node(n.to_string()), select, "");
    let criterion = |c: &str| -> String {
        let zh = match c {
            "the fewest PodDisruptionBudget violations" => "违反 PodDisruptionBudget 的次数最少",
            "the lowest priority among its victims" => "被抢占 Pod 中的最高优先级最低",
            "the smallest sum of its victims' priorities" => "被抢占 Pod 的优先级之和最小",
            "the fewest victims" => "被抢占的 Pod 最少",
            "its highest-priority victims started last" => "优先级最高的被抢占 Pod 启动得最晚",
            _ => "它排在最前面",
        };
        pick(lang, c.to_string(), zh.to_string())
    };
    html! {
        <section class="explain-section" data-testid="explain-preemption">
            <h4>{tr(lang, "Preemption", "抢占")}</h4>
            <p class="small">
                {pick(lang,
                    format!("No node passes every filter, so the scheduler's DefaultPreemption plugin looks for lower-priority pods (below {}) whose removal would make room.", p.priority),
                    format!("没有节点通过全部过滤器，所以调度器的 DefaultPreemption 插件会寻找优先级更低（低于 {}）的 Pod，看删掉它们能否腾出位置。", p.priority))}
            </p>
            if let Some(why) = &p.not_eligible {
                <p class="small"><strong>{tr(lang, "This pod may not preempt: ", "这个 Pod 不能抢占：")}</strong><code>{why.clone()}</code></p>
            } else if p.nodes.is_empty() {
                <p class="small muted">{tr(lang, "No node was rejected for a reason that removing pods could fix (only resources, host ports, spreading and anti-affinity can be).",
                    "没有哪个节点是因为删掉 Pod 就能解决的原因被拒绝的（只有资源、主机端口、拓扑分布和反亲和性属于这类原因）。")}</p>
            } else {
                <ul class="code-list">
                    {for p.nodes.iter().map(|n| html! {
                        <li>
                            {node_button(&n.node)}{": "}
                            if let Some(reason) = &n.reason {
                                <span class="muted">{tr(lang, "would not help: ", "无济于事：")}</span><code>{reason.clone()}</code>
                            } else {
                                {tr(lang, "room if these go: ", "删掉这些就有位置：")}
                                {for n.victims.iter().map(|(name, priority)| html! { <code>{format!("{name} ({priority}) ")}</code> })}
                                if n.pdb_violations > 0 {
                                    <span class="chip warn">{pick(lang,
                                        format!("{} against a PodDisruptionBudget", n.pdb_violations),
                                        format!("{} 个违反 PodDisruptionBudget", n.pdb_violations))}</span>
                                }
                            }
                        </li>
                    })}
                </ul>
                if let Some(chosen) = &p.chosen {
                    <p class="small"><strong>{tr(lang, "Chosen: ", "选中：")}</strong>{node_button(chosen)}
                        {p.decided_by.map(|c| html! { <>{tr(lang, ", because ", "，因为")}{criterion(c)}{tr(lang, ".", "。")}</> }).unwrap_or_default()}
                    </p>
                }
            }
        </section>
    }
}
