//! The first-load app: the top bar, the manifest editor, the cluster and the
//! tabs, until the full module takes over.

use crate::diagnostics::DiagnosticsPanel;
use crate::editor::Editor;
use crate::loader;
use crate::state::{LiteAction, LiteState};
use taintlab_core::TUTORIAL_DAEMONSET;
use taintlab_core::TUTORIAL_DAEMONSET_TOLERATING;
use taintlab_core::actions::NodeAction;
use taintlab_core::view::ClusterView;
use taintlab_ui::{
    GRID_AT, Lang, LangButtonProps, NodeCardView, TabsProps, TimeControlsProps, brand,
    cluster_panel, lang_button, tabs, time_controls, tr, use_clock, use_html_lang, version_badge,
};
use yew::prelude::*;

/// The editor: a text area, the examples, Apply and what the last apply said.
fn editor_panel(state: &UseReducerHandle<LiteState>) -> Html {
    let lang = state.lang;
    let on_edit = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(LiteAction::Edit(text)))
    };
    let on_apply = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(LiteAction::Apply))
    };
    let load = |text: &'static str| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(LiteAction::Load(text)))
    };
    let error_lines: Vec<usize> = state.diagnostics.iter().map(|d| d.line).collect();
    let examples = tr(lang, "Examples", "示例");
    html! {
        <section class="panel editor-panel" aria-labelledby="manifest-title">
            <div class="panel-head">
                <h2 id="manifest-title">{tr(lang, "Manifest", "YAML 清单")}</h2>
                <div class="examples" role="group" aria-label={examples}>
                    <span class="muted">{examples}{":"}</span>
                    <button class="link" onclick={load(TUTORIAL_DAEMONSET)}>
                        {tr(lang, "redis-ds DaemonSet", "redis-ds DaemonSet")}
                    </button>
                    <button class="link" onclick={load(TUTORIAL_DAEMONSET_TOLERATING)}>
                        {tr(lang, "…with a toleration", "……加上容忍度")}
                    </button>
                </div>
            </div>
            <Editor text={state.text().to_string()} {error_lines} label={tr(lang, "YAML manifest editor", "YAML 清单编辑器")}
                on_edit={on_edit} on_apply={on_apply.clone()} />
            <div class="apply-row">
                <button class="primary" data-testid="apply" onclick={on_apply.reform(|_: MouseEvent| ())}>
                    {tr(lang, "Apply", "应用")}
                </button>
                <span class="muted hint">{tr(lang, "Ctrl+Enter applies", "Ctrl+Enter 即可应用")}</span>
            </div>
            <DiagnosticsPanel lang={lang} diagnostics={state.diagnostics.clone()}
                applied={state.applied.clone()} failed={state.failed} />
        </section>
    }
}

/// The nodes as cards; a cluster past [`GRID_AT`] nodes waits for the full
/// module's grid.
fn nodes(
    lang: Lang,
    view: &ClusterView,
    on_node_action: &Callback<(String, NodeAction)>,
    on_select: &Callback<String>,
) -> Html {
    if view.nodes.len() > GRID_AT {
        return html! {
            <p class="muted" role="status">{tr(lang, "Loading the terminal, explanations and lessons…", "正在加载终端、解释与课程……")}</p>
        };
    }
    html! {
        <div class="nodes">
            {for view.nodes.iter().map(|card| {
                let name = card.name.clone();
                let on_action = on_node_action.reform(move |a: NodeAction| (name.clone(), a));
                html! { <NodeCardView {lang} card={card.clone()} {on_action} on_select={on_select.clone()} /> }
            })}
        </div>
    }
}

/// The pending pods, each with the scheduler's message.
fn pending(view: &ClusterView) -> Option<Html> {
    (!view.pending.is_empty()).then(|| {
        html! {
            <ul>
                {for view.pending.iter().map(|p| html! {
                    <li data-pod={p.name.clone()}>
                        <span class="chip owner-none phase-pending">{p.name.clone()}</span>
                        <code class="reason">{p.message.clone()}</code>
                    </li>
                })}
            </ul>
        }
    })
}

/// The first-load playground.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let mut state = LiteState::new(Lang::initial());
        // A link or an autosave needs the full module to replay it.
        state.loading_full = loader::saved();
        state
    });
    let lang = state.lang;

    {
        // The first-load module hands over to the full one: in the background once
        // the cluster shows, or at once when a panel or a button needs it. Until
        // then this one runs the cluster, and the handover takes its latest session.
        let state = state.clone();
        use_effect_with(state.loading_full, move |now| {
            loader::open_full(*now, move |ok| state.dispatch(LiteAction::FullLoaded(ok)));
        });
    }
    let send = |action: fn() -> LiteAction| {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(action()))
    };
    use_clock(send(|| LiteAction::Tick));
    use_html_lang(lang);
    // The session to hand over, and the autosave for a reload (the full module
    // replays it); not written when the page holds a link or an autosave, as the
    // full module will restore and keep that.
    if state.handed_over {
        return html! {};
    }
    // Embedded: the scenario is the link's, which only the full module replays
    // (it loads at once), so nothing of the built-in example is shown meanwhile.
    if loader::embed() {
        return html! {
            <div class="app embed">
                <header class="topbar">{brand(lang)}</header>
                <main class="workspace">
                    if state.full_failed {
                        <p class="action-error" role="alert">{tr(lang, "The rest of taintlab could not be loaded. Check the connection and try again.", "taintlab 的其余部分未能加载。请检查网络后重试。")}</p>
                    } else {
                        <p class="muted loading" role="status">{tr(lang, "Loading the playground…", "正在加载练习场……")}</p>
                    }
                </main>
            </div>
        };
    }
    loader::keep(&state.session.encode(), state.session.has_work());

    let on_lang = {
        let state = state.clone();
        Callback::from(move |lang| state.dispatch(LiteAction::SetLang(lang)))
    };
    let on_node_action = {
        let state = state.clone();
        Callback::from(move |(node, action): (String, NodeAction)| {
            state.dispatch(LiteAction::Node(node, action))
        })
    };
    let on_select = {
        let state = state.clone();
        Callback::from(move |selected: String| state.dispatch(LiteAction::Select(selected)))
    };
    let on_open = {
        let state = state.clone();
        Callback::from(move |panel| state.dispatch(LiteAction::Open(panel)))
    };
    html! {
        <div class="app">
            <header class="topbar">
                {brand(lang)}
                <div class="topbar-actions">
                    {time_controls(&TimeControlsProps {
                        lang,
                        paused: state.session.paused,
                        speed: state.session.speed,
                        seconds: state.cluster.now().as_secs(),
                        on_pause: send(|| LiteAction::TogglePause),
                        on_step: send(|| LiteAction::Step(1)),
                        on_speed: send(|| LiteAction::NextSpeed),
                    })}
                    {version_badge(state.cluster.version().to_string().into(), "Kubernetes")}
                    // Share hands over to the full module, which makes the link.
                    <button class="ghost" data-testid="share" onclick={send(|| LiteAction::Share).reform(|_: MouseEvent| ())}>
                        {tr(lang, "Share", "分享")}
                    </button>
                    {lang_button(&LangButtonProps { lang, on_switch: on_lang })}
                </div>
            </header>
            <main class="workspace">
                {editor_panel(&state)}
                <div class="right-column">
                    {cluster_panel(lang, nodes(lang, &state.view, &on_node_action, &on_select),
                        Html::default(), pending(&state.view))}
                    <section class="panel tabs-panel">
                        {tabs(&TabsProps { lang, open: state.panel, on_open })}
                        if state.loading_full {
                            <p class="muted loading" role="status">{tr(lang, "Loading the terminal, explanations and lessons…", "正在加载终端、解释与课程……")}</p>
                        }
                        if state.full_failed {
                            <p class="action-error" role="alert">{tr(lang, "The rest of taintlab could not be loaded. Check the connection and try again.", "taintlab 的其余部分未能加载。请检查网络后重试。")}</p>
                        }
                        <p class="muted">{tr(lang, "Open a tab to follow events, type kubectl commands, ask why a pod is where it is, or take a lesson.", "打开一个标签页：查看事件、输入 kubectl 命令、弄清 Pod 为何在那里，或者跟着课程学习。")}</p>
                    </section>
                </div>
            </main>
        </div>
    }
}
