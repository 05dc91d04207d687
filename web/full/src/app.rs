//! The top-level component: header, the manifest editor and the cluster view.

use crate::components::ClusterPanel;
#[cfg(not(feature = "full"))]
use crate::components::{DiagnosticsPanel, Editor};
use crate::i18n::{Lang, Text, t};
use crate::state::{Action, AppState, Panel};
use taintlab_core::actions::NodeAction;
#[cfg(feature = "full")]
use taintlab_core::session::Session;
#[cfg(not(feature = "full"))]
use taintlab_core::{TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};
use yew::prelude::*;

/// Simulated time since the cluster started, as `m:ss` or `h:mm:ss`.
fn format_clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

fn panel_title(panel: Panel) -> Text {
    match panel {
        Panel::Events => Text::Events,
        Panel::Terminal => Text::Terminal,
        Panel::Explain => Text::Explain,
        Panel::Lessons => Text::Lessons,
    }
}

/// The open panel's content.
fn panel_body(state: &UseReducerHandle<AppState>, on_filter: Callback<String>) -> Html {
    let lang = state.lang;
    match state.panel {
        #[cfg(feature = "full")]
        Panel::Events => crate::components::events_panel(
            lang,
            state.cluster().events().all(),
            state.cluster().now().0,
            &state.event_filter,
            on_filter,
        ),
        #[cfg(feature = "full")]
        panel => crate::full::panel(panel, state),
        #[cfg(not(feature = "full"))]
        _ => {
            let _ = on_filter;
            html! { <p class="muted">{t(lang, Text::PanelsHint)}</p> }
        }
    }
}

/// What the buttons did, as commands (the full module; the first-load one hands
/// buttons over to it).
fn history_panel(state: &AppState) -> Html {
    #[cfg(feature = "full")]
    return crate::full::history_panel(state);
    #[cfg(not(feature = "full"))]
    {
        let _ = state;
        html! {}
    }
}

/// Sharing and keeping work: the full module's bar; the first-load module has
/// only `share`, its Share button, which hands over to the full module to make
/// the link.
fn keep_bar(state: &UseReducerHandle<AppState>, props: &AppProps, share: Html) -> Html {
    #[cfg(feature = "full")]
    {
        let _ = share;
        if props.keep {
            crate::full::keep::autosave(&state.session);
        }
        let boot = props.keep && props.session.as_deref().is_none_or(str::is_empty);
        html! {
            <crate::full::keep::KeepBar state={state.clone()} lang={state.lang}
                share={state.session.share} {boot} />
        }
    }
    #[cfg(not(feature = "full"))]
    {
        let _ = (state, props);
        share
    }
}

/// The editor: the full module's workspace ([`crate::full::WorkspacePanel`]).
#[cfg(feature = "full")]
fn editor_panel(state: &UseReducerHandle<AppState>) -> Html {
    html! { <crate::full::WorkspacePanel state={state.clone()} /> }
}

/// The editor: the first-load module's text area (the full module's workspace
/// replaces it).
#[cfg(not(feature = "full"))]
fn editor_panel(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    let on_edit = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::Edit(text)))
    };
    let on_apply = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Apply))
    };
    let load = |text: &'static str| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Load(text)))
    };
    let error_lines: Vec<usize> = state.diagnostics.iter().map(|d| d.line).collect();
    html! {
        <section class="panel editor-panel" aria-labelledby="manifest-title">
            <div class="panel-head">
                <h2 id="manifest-title">{t(lang, Text::Manifest)}</h2>
                <div class="examples" role="group" aria-label={t(lang, Text::Examples)}>
                    <span class="muted">{t(lang, Text::Examples)}{":"}</span>
                    <button class="link" onclick={load(TUTORIAL_DAEMONSET)}>
                        {t(lang, Text::ExampleDaemonSet)}
                    </button>
                    <button class="link" onclick={load(TUTORIAL_DAEMONSET_TOLERATING)}>
                        {t(lang, Text::ExampleToleration)}
                    </button>
                </div>
            </div>
            <Editor text={state.text().to_string()} {error_lines} label={t(lang, Text::EditorLabel)}
                on_edit={on_edit} on_apply={on_apply.clone()} />
            <div class="apply-row">
                <button class="primary" data-testid="apply" onclick={on_apply.reform(|_: MouseEvent| ())}>
                    {t(lang, Text::Apply)}
                </button>
                <span class="muted hint">{t(lang, Text::ApplyHint)}</span>
            </div>
            <DiagnosticsPanel lang={lang} diagnostics={state.diagnostics.clone()}
                applied={state.applied.clone()} failed={state.failed} />
        </section>
    }
}

/// Properties of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// A session to start from (the full module gets the first one's session;
    /// an empty one means: open what the page finds, a link or the autosave).
    #[prop_or_default]
    pub session: Option<std::rc::Rc<str>>,
    /// Open the share link or the autosave found at start, and autosave the work.
    /// The page's app does (the first-load module always does); tests mount apps
    /// without it, so that they do not share one browser's storage.
    #[cfg(feature = "full")]
    #[prop_or_default]
    pub keep: bool,
}

/// What the version badge says on hover: the full module notes when the cluster
/// keeps the `master` names that kubeadm dropped in v1.24 (the tutorial's).
fn version_note(state: &AppState) -> &'static str {
    #[cfg(feature = "full")]
    if state.cluster().nodes().any(|node| {
        taintlab_core::cluster::has_retired_master_label(node, state.cluster().version())
    }) {
        return crate::i18n::tr(
            state.lang,
            "Kubernetes. This cluster keeps the node-role.kubernetes.io/master label and taint of clusters before v1.24, as the tutorial does; kubeadm names them control-plane since (the lessons show both).",
            "Kubernetes。这个集群沿用 v1.24 之前的 node-role.kubernetes.io/master 标签和污点，与教程一致；此后 kubeadm 改用 control-plane（课程中两者都有）。",
        );
    }
    let _ = state;
    "Kubernetes"
}

/// The whole playground.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let initial = props.session.clone();
        use_reducer(move || {
            let lang = Lang::initial();
            #[cfg(feature = "full")]
            if let Some(Ok(session)) = initial.as_deref().map(Session::decode) {
                return AppState::restored(session, lang);
            }
            let _ = initial;
            let state = AppState::new(lang);
            // A link or an autosave needs the full module to replay it.
            #[cfg(not(feature = "full"))]
            let state = {
                let mut state = state;
                state.loading_full = crate::loader::saved();
                state
            };
            state
        })
    };
    let lang = state.lang;

    #[cfg(not(feature = "full"))]
    {
        // The first-load module hands over to the full one: in the background once
        // the cluster shows, or at once when a panel or a button needs it. Until
        // then this one runs the cluster, and the handover takes its latest session.
        let state = state.clone();
        use_effect_with(state.loading_full, move |now| {
            crate::loader::open_full(*now, move |ok| state.dispatch(Action::FullLoaded(ok)));
        });
    }
    // The session to hand over, and the autosave for a reload (the full module
    // replays it); not written when the page holds a link or an autosave, as the
    // full module will restore and keep that.
    #[cfg(not(feature = "full"))]
    if !state.handed_over {
        crate::loader::keep(&state.session.encode(), state.session.has_work());
    }
    if state.handed_over {
        return html! {};
    }

    {
        // Keep <html lang> in step with the UI language (screen readers, fonts).
        use_effect_with(lang, |lang| {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.tag());
            }
        });
    }

    {
        // The simulated clock runs at wall-clock speed while the page is open.
        let state = state.clone();
        use_effect_with((), move |_| {
            let interval =
                gloo::timers::callback::Interval::new(1000, move || state.dispatch(Action::Tick));
            move || drop(interval)
        });
    }

    let switch_lang = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetLang(lang.other())))
    };
    let send = |action: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action()))
    };
    let on_node_action = {
        let state = state.clone();
        Callback::from(move |(node, action): (String, NodeAction)| {
            state.dispatch(Action::Node(node, action))
        })
    };
    let on_select = {
        let state = state.clone();
        Callback::from(move |selected: String| {
            state.dispatch(Action::Select(selected));
            #[cfg(feature = "full")]
            crate::full::reveal_panels();
        })
    };
    let on_filter = {
        let state = state.clone();
        Callback::from(move |filter: String| state.dispatch(Action::FilterEvents(filter)))
    };
    let speed = format!("{}×", state.session.speed);
    let (pause_text, pause_icon) = if state.session.paused {
        (t(lang, Text::Play), "▶")
    } else {
        (t(lang, Text::Pause), "⏸")
    };

    // Sharing and keeping work: the full module's bar; the first-load module has
    // only Share, which hands over to the full module to make the link.
    #[cfg(not(feature = "full"))]
    let share = html! {
        <button class="ghost" data-testid="share" onclick={send(|| Action::Share)}>
            {t(lang, Text::Share)}
        </button>
    };
    #[cfg(feature = "full")]
    let share = html! {};
    html! {
        <div class="app">
            <header class="topbar">
                <div class="brand">
                    <img class="logo" src="favicon.svg" alt="" />
                    <span class="name">{"taintlab"}</span>
                    <span class="tagline">{t(lang, Text::Tagline)}</span>
                </div>
                <div class="topbar-actions">
                    <div class="time-controls" role="group" aria-label={t(lang, Text::TimeControls)}>
                        <button class="ghost icon" data-testid="pause" onclick={send(|| Action::TogglePause)}
                            aria-pressed={state.session.paused.to_string()} aria-label={pause_text} title={pause_text}>
                            {pause_icon}
                        </button>
                        <button class="ghost" data-testid="clock-step" onclick={send(|| Action::Step(1))}>
                            {t(lang, Text::StepOne)}
                        </button>
                        // The accessible name contains the visible text (WCAG 2.5.3).
                        <button class="ghost" data-testid="speed" onclick={send(|| Action::NextSpeed)}
                            aria-label={format!("{} {speed}", t(lang, Text::Speed))}>
                            {speed}
                        </button>
                        <span class="clock" data-testid="clock-time" title={t(lang, Text::SimulatedTime)}>
                            {format_clock(state.cluster().now().as_secs())}
                        </span>
                    </div>
                    <span class="version" title={version_note(&state)}>{state.cluster().version().to_string()}</span>
                    {keep_bar(&state, props, share)}
                    <button class="ghost" data-testid="lang" onclick={switch_lang}
                        aria-label={t(lang, Text::SwitchLanguage)}>
                        {t(lang, Text::SwitchLanguage)}
                    </button>
                </div>
            </header>
            <main class="workspace">
                {editor_panel(&state)}
                <div class="right-column">
                    <ClusterPanel lang={lang} view={state.view.clone()} {on_node_action} on_select={on_select} />
                    // The terminal shows its own commands; the history is for the other tabs.
                    if state.panel != Panel::Terminal {
                        {history_panel(&state)}
                    }
                    <section class="panel tabs-panel">
                        <div class="tabs" role="tablist" aria-label={t(lang, Text::Panels)}>
                            {for Panel::ALL.iter().map(|panel| {
                                let selected = state.panel == *panel;
                                let open = {
                                    let state = state.clone();
                                    let panel = *panel;
                                    Callback::from(move |_: MouseEvent| state.dispatch(Action::Open(panel)))
                                };
                                html! {
                                    <button role="tab" class="tab" aria-selected={selected.to_string()}
                                        data-tab={panel.key()} onclick={open}>
                                        {t(lang, panel_title(*panel))}
                                    </button>
                                }
                            })}
                        </div>
                        if state.loading_full {
                            <p class="muted loading" role="status">{t(lang, Text::LoadingFull)}</p>
                        }
                        if state.full_error.is_some() {
                            <p class="action-error" role="alert">{t(lang, Text::FullFailed)}</p>
                        }
                        {panel_body(&state, on_filter)}
                    </section>
                </div>
            </main>
        </div>
    }
}
