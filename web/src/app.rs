//! The top-level component: header, the manifest editor and the cluster view.

use crate::components::{ClusterPanel, DiagnosticsPanel, Editor, events_panel};
use crate::i18n::{Lang, Text, t};
use crate::state::{Action, AppState};
use taintlab_core::actions::NodeAction;
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

/// The whole playground.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::new(Lang::initial()));
    let lang = state.lang;

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
    let switch_lang = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetLang(lang.other())))
    };
    let error_lines: Vec<usize> = state.diagnostics.iter().map(|d| d.line).collect();
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
    let on_filter = {
        let state = state.clone();
        Callback::from(move |filter: String| state.dispatch(Action::FilterEvents(filter)))
    };
    let (pause_text, pause_icon) = if state.paused {
        (t(lang, Text::Play), "▶")
    } else {
        (t(lang, Text::Pause), "⏸")
    };

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
                            aria-pressed={state.paused.to_string()} aria-label={pause_text} title={pause_text}>
                            {pause_icon}
                        </button>
                        <button class="ghost" data-testid="step" onclick={send(|| Action::Step(1))}>
                            {t(lang, Text::StepOne)}
                        </button>
                        <button class="ghost" data-testid="speed" onclick={send(|| Action::NextSpeed)}
                            aria-label={t(lang, Text::Speed)}>
                            {format!("{}×", state.speed)}
                        </button>
                        <span class="clock" data-testid="clock-time" title={t(lang, Text::SimulatedTime)}>
                            {format_clock(state.cluster.now().as_secs())}
                        </span>
                    </div>
                    <span class="version" title="Kubernetes">{state.cluster.version().to_string()}</span>
                    <button class="ghost" data-testid="lang" onclick={switch_lang}
                        aria-label={t(lang, Text::SwitchLanguage)}>
                        {t(lang, Text::SwitchLanguage)}
                    </button>
                </div>
            </header>
            <main class="workspace">
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
                    <Editor text={state.text.clone()} {error_lines} label={t(lang, Text::EditorLabel)}
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
                <div class="right-column">
                    <ClusterPanel lang={lang} view={state.view.clone()} {on_node_action} />
                    if state.action_error.is_some() || !state.history.is_empty() {
                        <section class="panel history-panel" aria-labelledby="history-title">
                            <div class="panel-head">
                                <h2 id="history-title">{t(lang, Text::History)}</h2>
                                <span class="muted small">{t(lang, Text::HistoryHint)}</span>
                            </div>
                            if let Some(error) = &state.action_error {
                                <p class="action-error" role="alert">{error.clone()}</p>
                            }
                            <ol class="history" data-testid="history">
                                {for state.history.iter().rev().take(8).map(|c| html! { <li><code>{format!("$ {c}")}</code></li> })}
                            </ol>
                        </section>
                    }
                    {events_panel(lang, state.cluster.events().all(), state.cluster.now().0, &state.event_filter, on_filter)}
                </div>
            </main>
        </div>
    }
}
