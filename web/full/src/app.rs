//! The full app: the top bar, the workspace, the cluster and the panels.

use crate::events_panel::HeldWhile;
use crate::events_panel::events_panel;
use crate::history_panel::HistoryPanel;
use crate::node_card::FullClusterPanel;
use crate::panels;
use crate::sharing::{self, EmbedBar, KeepBar, use_height_report};
use crate::state::{Action, AppState};
use crate::what_if::{self, BaseClusterPanel};
use crate::workspace_shown::WorkspaceShown;
use crate::workspace_view::WorkspacePanel;
use std::rc::Rc;
use taintlab_core::actions::NodeAction;
use taintlab_core::cluster::has_retired_master_label;
use taintlab_core::session::Session;
use taintlab_playground::{Msg, Playground};
use taintlab_ui::{
    Brand, Lang, LangButton, Panel, Tabs, TimeControls, VersionBadge, tr, use_clock,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// Properties of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// A session to start from (the full module gets the first one's session;
    /// an empty one means: open what the page finds, a link or the autosave).
    #[prop_or_default]
    pub session: Option<Rc<str>>,
    /// Open the share link or the autosave found at start, and autosave the work.
    /// The page's app does; tests mount apps without it, so that they do not
    /// share one browser's storage.
    #[prop_or_default]
    pub keep: bool,
    /// Embed mode (`?embed`, README "Embedding"): the compact page for an
    /// `<iframe>`, which opens the link in the address (never the autosave),
    /// tells the parent page its height and links to the full-size page in
    /// place of Share, Import, Export and Reset. The page sets `keep` off with it.
    #[prop_or_default]
    pub embed: bool,
}

/// What the version badge says on hover: a note when the cluster keeps the
/// `master` names that kubeadm dropped in v1.24 (the tutorial's).
fn version_note(lang: Lang, pg: &Playground) -> &'static str {
    let cluster = pg.cluster();
    if cluster
        .nodes()
        .any(|node| has_retired_master_label(node, cluster.version()))
    {
        return tr(
            lang,
            "Kubernetes. This cluster keeps the node-role.kubernetes.io/master label and taint of clusters before v1.24, as the tutorial does; kubeadm names them control-plane since (the lessons show both).",
            "Kubernetes。这个集群沿用 v1.24 之前的 node-role.kubernetes.io/master 标签和污点，与教程一致；此后 kubeadm 改用 control-plane（课程中两者都有）。",
        );
    }
    "Kubernetes"
}

/// The open panel's content.
fn panel_body(state: &UseReducerHandle<AppState>) -> Html {
    match state.panel() {
        Panel::Events => {
            let on_filter = {
                let state = state.clone();
                Callback::from(move |filter: String| state.dispatch(Action::FilterEvents(filter)))
            };
            let cluster = state.pg.cluster();
            html! {
                <HeldWhile hold={!state.pg.is_settled()}>
                    {events_panel(
                        state.lang,
                        cluster.events().all(),
                        cluster.now().0,
                        &state.event_filter,
                        on_filter,
                    )}
                </HeldWhile>
            }
        }
        panel => panels::panel(panel, state),
    }
}

/// While a change is settling, runs a step of it in each animation frame, so
/// that the page draws between steps (a 10,000-replica Deployment appears in
/// waves) and no frame waits for the whole change. One frame is asked for at a
/// time, however often the page renders meanwhile.
#[hook]
fn use_settling(state: &UseReducerHandle<AppState>) {
    let asked = use_mut_ref(|| false);
    let settled = state.pg.is_settled();
    let dispatcher = state.dispatcher();
    use_effect(move || {
        if !settled && !*asked.borrow() {
            *asked.borrow_mut() = true;
            let frame = Closure::once_into_js(move || {
                *asked.borrow_mut() = false;
                dispatcher.dispatch(Action::Settle);
            });
            if let Some(window) = web_sys::window() {
                let _ = window.request_animation_frame(frame.unchecked_ref());
            }
        }
    });
}

/// Autosaves the session when `keep` is set and the session changed since the
/// last render: the renders of a settling change (one per frame) change only
/// the cluster, and encoding the session for each would add to every frame.
#[hook]
fn use_autosave(keep: bool, session: &Session) {
    let saved = use_mut_ref(|| None::<Session>);
    if keep && saved.borrow().as_ref() != Some(session) {
        sharing::autosave(session);
        *saved.borrow_mut() = Some(session.clone());
    }
}

/// The whole playground.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let initial = props.session.clone();
        use_reducer(move || {
            let pg = match initial.as_deref().map(Session::decode) {
                Some(Ok(session)) => Playground::restore(session),
                _ => Playground::new(),
            };
            AppState::new(pg, Lang::initial())
        })
    };
    let lang = state.lang;
    let send = |event: fn() -> Msg| {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Update(event())))
    };
    use_clock(send(|| Msg::Tick));
    use_settling(&state);
    crate::lessons::use_lesson_url(&state);
    // Embedded, nothing is kept, whatever `keep` says: the autosave is the
    // learner's own session in the full-size page.
    use_autosave(props.keep && !props.embed, state.pg.session());
    let app = use_node_ref();
    use_height_report(app.clone(), props.embed);
    // No session handed over: open the link or the autosave the page holds.
    let boot = props.keep && !props.embed && props.session.as_deref().is_none_or(str::is_empty);

    let on_lang = {
        let state = state.clone();
        Callback::from(move |lang| state.dispatch(Action::SetLang(lang)))
    };
    // The same callbacks from one render to the next (a dispatcher does not
    // change), so that the node cards and the grid's cells, which compare them,
    // render again only when their node changed.
    let on_node_action = {
        let dispatcher = state.dispatcher();
        use_callback((), move |(node, action): (String, NodeAction), _| {
            dispatcher.dispatch(Action::Update(Msg::Node(node, action)))
        })
    };
    let on_select = {
        let dispatcher = state.dispatcher();
        use_callback((), move |selected: String, _| {
            dispatcher.dispatch(Action::Update(Msg::Select(selected)));
            panels::reveal_panels();
        })
    };
    let on_open = {
        let state = state.clone();
        Callback::from(move |panel: Panel| {
            state.dispatch(Action::Update(Msg::Open(panel.key().into())))
        })
    };
    let session = state.pg.session();
    let panel = state.panel();
    html! {
        <div class={classes!("app", props.embed.then_some("embed"))} ref={app}>
            <header class="topbar">
                <Brand {lang} />
                <div class="topbar-actions">
                    <TimeControls {lang} paused={session.paused} speed={session.speed}
                        seconds={state.pg.cluster().now().as_secs()}
                        on_pause={send(|| Msg::TogglePause)} on_step={send(|| Msg::Step(1))}
                        on_speed={send(|| Msg::NextSpeed)} />
                    <VersionBadge version={state.pg.cluster().version().to_string()}
                        note={version_note(lang, &state.pg)} />
                    if props.embed {
                        <EmbedBar state={state.clone()} {lang} />
                    } else {
                        <KeepBar state={state.clone()} {lang} share={session.share} {boot}
                            imported={taintlab_playground::anonymize::is_imported(session)} />
                    }
                    <LangButton {lang} on_switch={on_lang} />
                </div>
            </header>
            <main class="workspace">
                <WorkspacePanel state={state.clone()} shown={WorkspaceShown::of(&state)} />
                <div class="right-column">
                    {what_if::banner(&state)}
                    if let Some(copy) = state.pg.what_if() {
                        <div class="what-if-pair">
                            <BaseClusterPanel {lang} view={copy.base_view()} diff={copy.diff()} />
                            <FullClusterPanel {lang} view={state.pg.shared_view()} {on_node_action} {on_select} copy=true />
                        </div>
                    } else {
                        <FullClusterPanel {lang} view={state.pg.shared_view()} {on_node_action} {on_select} />
                    }
                    // The terminal shows its own commands; the history is for the other tabs.
                    if panel != Panel::Terminal {
                        <HistoryPanel {lang} history={Rc::new(session.history.clone())}
                            action_error={state.pg.action_error().map(|e| AttrValue::from(e.to_string()))} />
                    }
                    <section class="panel tabs-panel">
                        <Tabs {lang} open={panel} {on_open} />
                        {panel_body(&state)}
                    </section>
                </div>
            </main>
        </div>
    }
}
